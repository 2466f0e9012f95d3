"""Bundled SMS backends: console, locmem and dummy."""
