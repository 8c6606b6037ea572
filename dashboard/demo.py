"""The dashboard has no content of its own: it shows the figures of the other parts (see maturity/demo.py)."""


def load() -> None:
    return None
