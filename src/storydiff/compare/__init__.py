"""Compare: align statements across the articles of one story into facts."""

from storydiff.compare.align import AlignmentSettings, FactAligner
from storydiff.compare.units import Unit, units_of

__all__ = ["AlignmentSettings", "FactAligner", "Unit", "units_of"]
