"""The driver structure: how a lever's people travel along the relations between indicators.

``data/relations.csv`` (validated by ``forecast.data``; data/README.md describes it) says
which indicator is part of, a sector of, or the numerator / denominator of which. The
engine turns the relations among the simulated indicators into one matrix and a list of
ratio edges (:func:`propagation`), so a lever's extra people reach every connected
indicator in one matrix product, with no loop over paths or over chains of relations:

- ``part_of`` (child ⊂ parent): the child's extra people count in the parent, times
  ``coef`` (the share of them that is new to the parent);
- ``sector_of``: the parent's extra people are split over its sectors by their shares
  (``coef``, adding up to at most 1 per parent), and a sector's own extra people count in
  the parent in full;
- ``numerator_of`` / ``denominator_of``: the child's relative change moves the ratio's
  numerator / denominator with elasticity ``coef``: ratio × (1 + ε_N x) / (1 + ε_D x).

``bound`` picks the coefficients: ``"coef"`` (central), ``"low"`` or ``"high"`` (each
relation at the end of its range that makes the effect smallest / largest: a
denominator's elasticity at its other end), which gives the range of an effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

Bound = Literal["coef", "low", "high"]
#: relations whose coefficient carries people (persons -> persons)
PEOPLE_KINDS = ("part_of", "sector_of")
#: relations that move a ratio
RATIO_KINDS = ("numerator_of", "denominator_of")


@dataclass(frozen=True)
class Propagation:
    """The relations among ``k`` simulated indicators, ready for the engine.

    ``matrix`` (k, k): extra persons added directly to column i become ``matrix[i, j]``
    extra persons in column j (identity where no relation acts). Ratio edges: the relative
    change of column ``ratio_child[e]`` moves ratio column ``ratio_parent[e]`` with signed
    elasticity ``ratio_eps[e]`` (negative for a denominator). ``part_pairs`` (p, 2): child,
    parent columns of the part_of relations, for the conservation clip.
    """

    matrix: np.ndarray
    ratio_child: np.ndarray
    ratio_parent: np.ndarray
    ratio_eps: np.ndarray
    part_pairs: np.ndarray
    ids: tuple[str, ...] = ()   #: relation ids that act here (both ends simulated)

    @property
    def has_ratios(self) -> bool:
        return self.ratio_child.size > 0

    def reach(self, direct: np.ndarray) -> np.ndarray:
        """(k,) bool: the columns extra persons in the ``direct`` columns reach (themselves,
        by people relations, and the ratios those enter)."""
        direct = np.asarray(direct, dtype=bool)
        people = direct | (np.abs(self.matrix[direct]) > 0).any(axis=0)
        out = people.copy()
        out[self.ratio_parent[people[self.ratio_child]]] = True
        return out


def sources(prop: Propagation, col: int) -> np.ndarray:
    """Sorted columns whose extra people reach column ``col`` (``col`` included): what a
    one-indicator search must keep to see every lever that moves it."""
    people = np.abs(prop.matrix[:, col]) > 0
    for child in prop.ratio_child[prop.ratio_parent == col]:
        people |= np.abs(prop.matrix[:, child]) > 0
    people[col] = True
    return np.nonzero(people)[0]


def region_relations(relations: pd.DataFrame | None, region: str) -> pd.DataFrame:
    """The relations of ``region`` (an empty frame when there are none)."""
    if relations is None or relations.empty or "region" not in relations:
        return pd.DataFrame(columns=["id", "region", "kind", "child", "parent", "coef", "coef_low", "coef_high"])
    return relations[relations["region"] == region].reset_index(drop=True)


def coefficients(rel: pd.DataFrame, bound: Bound = "coef") -> np.ndarray:
    """Each relation's coefficient at ``bound`` (an empty end of a range is the central value)."""
    coef = rel["coef"].to_numpy(dtype=float)
    if bound == "coef" or rel.empty:
        return coef
    lo = rel["coef_low"].to_numpy(dtype=float) if "coef_low" in rel else coef
    hi = rel["coef_high"].to_numpy(dtype=float) if "coef_high" in rel else coef
    lo, hi = np.where(np.isfinite(lo), lo, coef), np.where(np.isfinite(hi), hi, coef)
    den = (rel["kind"] == "denominator_of").to_numpy()
    small = np.where(den, hi, lo)
    return small if bound == "low" else np.where(den, lo, hi)


def propagation(ids: tuple[str, ...], relations: pd.DataFrame | None, bound: Bound = "coef") -> Propagation:
    """The :class:`Propagation` of the relations whose two ends are both among ``ids``."""
    k = len(ids)
    pos = {i: n for n, i in enumerate(ids)}
    rel = relations if relations is not None else pd.DataFrame()
    if not rel.empty:
        rel = rel[rel["child"].isin(pos) & rel["parent"].isin(pos)].reset_index(drop=True)
    empty = np.zeros(0, dtype=int)
    if rel.empty:
        return Propagation(np.eye(k), empty, empty, np.zeros(0), np.zeros((0, 2), dtype=int))
    c = rel["child"].map(pos).to_numpy(dtype=int)
    p = rel["parent"].map(pos).to_numpy(dtype=int)
    coef = coefficients(rel, bound)
    kind = rel["kind"].to_numpy()
    part, sector = kind == "part_of", kind == "sector_of"
    up = np.zeros((k, k))
    np.add.at(up, (c[part], p[part]), coef[part])
    sec_up, down = np.zeros((k, k)), np.zeros((k, k))
    np.add.at(sec_up, (c[sector], p[sector]), 1.0)
    np.add.at(down, (p[sector], c[sector]), coef[sector])
    closure = np.linalg.inv(np.eye(k) - up)          # part_of chains: a DAG (validated), so I - up inverts
    matrix = closure @ (np.eye(k) + down) + sec_up @ closure
    ratio = np.isin(kind, RATIO_KINDS)
    eps = np.where(kind == "denominator_of", -coef, coef)[ratio]
    return Propagation(matrix, c[ratio], p[ratio], eps, np.column_stack([c[part], p[part]]),
                       tuple(rel["id"]))


def _matmul(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``x @ m`` for x (..., a) as one contraction (``x @ m`` would loop over the leading axes)."""
    return np.einsum("...a,ab->...b", x, m, optimize=True)


def add_people(prop: Propagation, sub: np.ndarray, cols: np.ndarray, direct: np.ndarray, added: np.ndarray,
               person: np.ndarray) -> None:
    """Add ``added`` (.., T, len(direct)) extra persons of the ``direct`` columns, and everything
    they reach by the relations, to ``sub`` (.., T, len(cols)), the trajectories of columns
    ``cols`` in document units; in place. Ratios move by their edges' elasticities."""
    units = _matmul(added, prop.matrix[np.ix_(direct, cols)] * person[cols][None, :])     # (.., T, c)
    if prop.has_ratios:
        at = {int(col): n for n, col in enumerate(cols)}
        live = np.array([int(ch) in at and int(pa) in at for ch, pa in zip(prop.ratio_child, prop.ratio_parent)])
        if live.any():
            ch = np.array([at[int(x)] for x in prop.ratio_child[live]])
            pa = np.array([at[int(x)] for x in prop.ratio_parent[live]])
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.nan_to_num(units[..., ch] / sub[..., ch], nan=0.0, posinf=0.0, neginf=0.0)
            eps = prop.ratio_eps[live]                  # numerator: × (1 + ε x); denominator: ÷ (1 + ε x)
            log_f = np.sign(eps) * np.log1p(np.maximum(np.abs(eps) * x, -0.99))      # (.., T, m)
            parents = np.unique(pa)
            onto = (pa[:, None] == parents[None, :]).astype(float)                  # (m, parents)
            sub[..., parents] *= np.exp(_matmul(log_f, onto))
    sub += units


def conserve(prop: Propagation, out: np.ndarray, cols: np.ndarray, person: np.ndarray) -> None:
    """Parts never exceed their whole: a part_of child touched by the levers (in ``cols``) is
    capped at its parent, counted in persons; in place on ``out`` (n, T, k)."""
    for c, p in prop.part_pairs:
        if c in cols and person[c] > 0 and person[p] > 0:
            np.minimum(out[:, :, c], out[:, :, p] * (person[c] / person[p]), out=out[:, :, c],
                       where=np.isfinite(out[:, :, p]))


__all__ = ["Propagation", "propagation", "sources", "region_relations", "coefficients", "add_people", "conserve",
           "PEOPLE_KINDS", "RATIO_KINDS", "Bound"]
