"""Request and response bodies (XCreate / XRead families), one module per concept."""
