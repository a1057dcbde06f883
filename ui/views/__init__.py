"""The four main views. Each is built by a factory taking the app context."""
