"""The built-in intaker inbox: a small aiohttp web app and JSON API over the handoffs."""
