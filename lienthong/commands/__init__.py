"""One module per command (or group of commands), plain functions; `lienthong/cli.py` registers them all."""
