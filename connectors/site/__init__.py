"""The chat on the Onderwijsloket site: a Socket.IO channel with server-issued conversation
tokens, the widget and a demo page."""
