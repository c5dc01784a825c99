"""alcoach: a desktop companion for Action Learning coaches."""

__version__ = "0.1.0"
