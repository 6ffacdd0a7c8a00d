"""entitybot: is this company on a US sanctions or export-control list, and why?"""

__version__ = "0.1.0"
