class CslFormatError(ValueError):
    """The input is not usable CSL data; the message says what is wrong with it."""
