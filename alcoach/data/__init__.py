"""Storage and domain services (peewee over SQLite). Nothing here imports Qt."""
