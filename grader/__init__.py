"""The local foreign-affairs course's library: knowledge base, plan model, checks, widgets, charts, grading."""

__version__ = "0.1.0"
