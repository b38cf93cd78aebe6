"""Template tag libraries, registered by name in settings (TEMPLATES OPTIONS "libraries"):
this package is not an app's, so Django does not find them on its own."""
