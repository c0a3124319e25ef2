"""Fake remote systems on loopback: the national portal and other agencies' systems (tests, demo, bench)."""
