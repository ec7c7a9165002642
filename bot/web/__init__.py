"""The web chat page (GET /) and its small API, served by Sanic (the framework Rasa brings)."""
