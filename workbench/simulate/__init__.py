"""Cases of a variant run through the real engine outside the service: `lienthong simulate` runs many on a
fake clock (`variant` reads the side file through `model`, `run` is the discrete-event loop over `clock`,
`state`, `forms`, `connectors` and `distributions`, `results` and `terminal` report the figures);
`lienthong run` walks one by hand (`walk`)."""
