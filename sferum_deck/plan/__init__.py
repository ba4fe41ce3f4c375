"""plan: the typed model -> planned slides (layout chosen, text fitted, long topics split).
Pure: no python-pptx, no I/O but reading font files."""
from .deck import plan
from .records import DeckPlan

__all__ = ["DeckPlan", "plan"]
