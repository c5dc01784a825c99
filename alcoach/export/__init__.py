"""PDF documents built from plain data. Nothing here imports Qt or queries the database."""
