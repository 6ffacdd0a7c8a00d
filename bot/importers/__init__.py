"""Importers for the US Consolidated Screening List (CSL) in its official layouts."""

from bot.importers.errors import CslFormatError
from bot.importers.parse import ParsedCsl, parse_csl

__all__ = ["CslFormatError", "ParsedCsl", "parse_csl"]
