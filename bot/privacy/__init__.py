"""Privacy: finding and removing personal numbers nobody asked for."""
