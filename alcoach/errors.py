"""The one family of errors alcoach raises on purpose; each message is a sentence for a person."""


class AlcoachError(Exception):
    """Base of every error alcoach reports to the coach."""


class NotFoundError(AlcoachError):
    """A record named by id does not exist."""


class ValidationError(AlcoachError):
    """Input that cannot be stored as given."""


class DatabaseError(AlcoachError):
    """The database file cannot be opened or used."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer alcoach."""


class CorruptDatabaseError(DatabaseError):
    """The file is not a database or fails SQLite's integrity check."""


class UnreadableDatabaseError(DatabaseError):
    """The file has no readable SQLite header: another kind of file, or an encrypted database."""


class ForeignDatabaseError(DatabaseError):
    """An SQLite database of another program, not an alcoach database."""


class EmptyDatabaseError(DatabaseError):
    """The database file is empty (0 bytes) while backups of it exist."""


class DiskFullError(DatabaseError):
    """The disk that holds the data folder (or a backup) is full."""


class ReadOnlyError(DatabaseError):
    """The database file or its folder cannot be written by this user."""


class FolderInUseError(DatabaseError):
    """Another process (a window or a command) holds the data folder's lock: it writes there."""


class PassphraseNeeded(DatabaseError):
    """The folder is encrypted and this process has no key for it (no passphrase was given)."""


class WrongPassphrase(DatabaseError):
    """The passphrase given does not open the file."""


class ArchiveError(AlcoachError):
    """An archive file that cannot be imported."""


class ExportError(AlcoachError):
    """A document that could not be written."""
