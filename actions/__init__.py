"""Rasa SDK actions: thin glue that reads the tracker, calls bot/, and dispatches replies."""
