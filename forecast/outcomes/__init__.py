"""The outcome base (real plan targets -> outcomes) and how ambitious a target is among them.

``load_outcome_base`` concatenates ``data/outcomes.csv`` (mapped) and ``data/outcomes_*.csv``
with the derived ``years``, ``need``, ``realised`` and the history known at each origin;
``ambition_rank`` places a required growth among real targets of its type. Imports only
``forecast.reference`` and ``forecast.data``; the calibration imports this, never the reverse.
"""

from forecast.outcomes.ambition import AmbitionRank, ambition_rank
from forecast.outcomes.base import kept_out, load_outcome_base
from forecast.outcomes.keys import outcome_key

__all__ = ["load_outcome_base", "ambition_rank", "AmbitionRank", "kept_out", "outcome_key"]
