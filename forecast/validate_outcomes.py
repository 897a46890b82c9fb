"""Score the baseline probabilities on real plan outcomes (``data/outcomes.csv``).

Each row is a real plan's base -> target -> outcome.  For every row with a base value the
*baseline* probability of meeting the target is what the engine would say from the base:
the row type's prior (:mod:`forecast.typeprior`), updated with whatever history the row
has (:mod:`forecast.drift_update`; for provincial R&D-intensity rows the province's earlier
``rd_intensity`` points in the reference panel, up to the base year), simulated as a
growth law to the target year.  Rows whose base is not printed take it from the panel
when the panel has the same series for that province (R&D intensity), else they are
left out and listed.

Scored beside two references anyone can compute:

* **trend only** — the type prior alone from the base (no history, no target information);
* **always 0.5**;
* **target-informed** — a logistic recalibration of the baseline probability on
  (logit P, required minus typical growth in prior sds), fitted on the *other* plans
  (leave-one-plan-out; planners set targets near their own trend, so a target's size
  tells something): shown in the same table.

Brier score, log score (probabilities clipped to [0.01, 0.99]), the PIT of the outcome
value under the predictive (five bins, chi-square flatness p-value) and a reliability
table.  The "total" type of outcomes.csv (a cumulative flow) has no reference class of
its own and uses the ``other`` (borrowed) prior.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import optimize, stats

from forecast.targets import target_met
from forecast.baseline import simulate_law
from forecast.reference import TYPES, load_reference, to_working
from forecast.typeprior import ReferenceFit, reference_fit
from forecast.target_signal import TargetSignal, apply_signal, fit_signal, is_signal
from forecast.drift_update import DriftPosterior, update

DRAWS = 20_000
SEED = 20240601
CLIP = 0.01
#: Types in outcomes.csv that have no reference class of their own -> the prior used.
TYPE_ALIASES = {"total": "other"}
#: Printed R&D-intensity indicators (R&D spending over GDP) -> the panel family with their history.
_RD_WORDS, _GDP_WORDS = ("R&D", "研发", "研究与试验发展", "研究与开发"), ("GDP", "生产总值")


def load_outcomes(data_dir: Path | str | None = None) -> pd.DataFrame:
    """``outcomes.csv`` (shipped unless ``data_dir`` has one) as a typed frame."""
    from forecast.data import DATA_DIR

    path = Path(data_dir) / "outcomes.csv" if data_dir is not None else Path(DATA_DIR) / "outcomes.csv"
    df = pd.read_csv(path)
    for c in ("base_year", "base_value", "target_year", "target_value", "outcome_year", "outcome_value"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    df["met"] = df["met"].astype(str).str.lower().eq("true")
    return df


def _panel_history(row: pd.Series, panel: pd.DataFrame, base_year: int) -> pd.Series:
    """The province's R&D-intensity points up to ``base_year`` for an R&D-intensity row."""
    name = str(row["indicator"])
    if row["type"] != "share" or not any(w in name for w in _RD_WORDS) or not any(w in name for w in _GDP_WORDS):
        return pd.Series(dtype=float)
    p = panel[(panel["family"] == "rd_intensity") & (panel["region"] == row["region"])
              & (panel["year"] <= base_year) & (panel["status"] == "observed")]
    return pd.Series(p["value"].to_numpy(float), index=p["year"].to_numpy(int)).sort_index()


def _prepare(row: pd.Series, rf: ReferenceFit, panel: pd.DataFrame) -> dict | None:
    """Base, history, type prior and drift posterior of one outcome row (None if unscoreable)."""
    kind = TYPE_ALIASES.get(row["type"], row["type"])
    if kind not in TYPES:
        return None
    prior = rf[kind]
    base_year = int(row["base_year"]) if np.isfinite(row["base_year"]) else int(row["target_year"]) - 5
    hist = _panel_history(row, panel, base_year)
    if np.isfinite(row["base_value"]):
        hist = pd.concat([hist[hist.index < base_year], pd.Series([row["base_value"]], index=[base_year])])
    elif hist.empty or hist.index[-1] != base_year:
        return None
    if int(row["target_year"]) <= base_year or int(row["outcome_year"]) <= base_year:
        return None
    base = float(hist.iloc[-1])
    z0 = float(to_working(base, kind))
    h, ho = int(row["target_year"]) - base_year, int(row["outcome_year"]) - base_year
    post = update(hist.index.to_numpy(), hist.to_numpy(), prior)
    return {"kind": kind, "prior": prior, "post": post, "trend": update([base_year], [base], prior),
            "base_year": base_year, "base_used": base, "history_points": len(hist), "basis": post.basis,
            "signal": is_signal(row["comparator"], base, row["target_value"]),
            "need": (float(to_working(row["target_value"], kind)) - z0) / h,
            "realised": (float(to_working(row["outcome_value"], kind)) - z0) / ho,
            "shock_var": post.shock_sd ** 2 / ho}


def _p_and_pit(post: DriftPosterior, row: pd.Series, prep: dict) -> tuple[float, float]:
    """P(target met) and the PIT of the outcome under a drift posterior, by simulation."""
    by = prep["base_year"]
    years = sorted({int(row["target_year"]), int(row["outcome_year"])})
    law = post.law("outcome", by, prep["base_used"])
    x = simulate_law(law, years, DRAWS, rng=np.random.default_rng(SEED))
    xt, xo = x[:, years.index(int(row["target_year"]))], x[:, years.index(int(row["outcome_year"]))]
    p = float(target_met(xt, op=str(row["comparator"]), target=float(row["target_value"])).mean())
    return p, float(np.mean(xo < row["outcome_value"]) + 0.5 * np.mean(xo == row["outcome_value"]))


def _signal_inputs(preps: list[dict]) -> tuple[np.ndarray, ...]:
    sig = [q for q in preps if q["signal"]]
    return (np.array([q["need"] for q in sig]), np.array([q["realised"] for q in sig]),
            np.array([q["post"].loc for q in sig]), np.array([q["post"].scale ** 2 for q in sig]),
            np.array([q["shock_var"] for q in sig]))


def _scoreable(df: pd.DataFrame, rf: ReferenceFit, panel: pd.DataFrame) -> tuple[list, list, list]:
    rows, preps, skipped = [], [], []
    for _, row in df.iterrows():
        q = _prepare(row, rf, panel)
        (skipped if q is None else rows).append(row)
        if q is not None:
            preps.append(q)
    return rows, preps, skipped


@lru_cache(maxsize=2)
def fitted_signal(data_dir: str | None = None) -> TargetSignal:
    """The target signal fitted on every scoreable triple of outcomes.csv (what the engine uses)."""
    _, preps, _ = _scoreable(load_outcomes(data_dir), reference_fit(data_dir), load_reference(data_dir))
    return fit_signal(*_signal_inputs(preps))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, CLIP, 1 - CLIP)
    return np.log(p / (1 - p))


def fit_recalibration(p: np.ndarray, excess: np.ndarray, met: np.ndarray, ridge: float = 1.0) -> np.ndarray:
    """Logistic coefficients (intercept, slope on logit P, slope on excess growth), ridge-penalised
    toward (0, 1, 0) — i.e. toward leaving P as it is."""
    X = np.column_stack([np.ones_like(p), _logit(p), excess])
    y = met.astype(float)
    prior = np.array([0.0, 1.0, 0.0])

    def nll(b):
        eta = X @ b
        return float(np.sum(np.logaddexp(0, eta) - y * eta) + ridge * np.sum((b - prior) ** 2))

    return optimize.minimize(nll, prior, method="BFGS").x


def apply_recalibration(b: np.ndarray, p: np.ndarray, excess: np.ndarray) -> np.ndarray:
    X = np.column_stack([np.ones_like(p), _logit(p), excess])
    return 1.0 / (1.0 + np.exp(-(X @ b)))


def scores(p: np.ndarray, met: np.ndarray) -> dict[str, float]:
    """Brier and log score (lower is better for both; log score = mean -log P(outcome))."""
    p = np.asarray(p, float)
    y = np.asarray(met, float)
    pc = np.clip(p, CLIP, 1 - CLIP)
    return {"brier": float(np.mean((p - y) ** 2)),
            "log_score": float(-np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc)))}


def reliability(p: np.ndarray, met: np.ndarray, bins: int = 5) -> pd.DataFrame:
    """Rows per probability bin: n, mean forecast, observed frequency."""
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows = [{"bin": f"{edges[i]:.1f}-{edges[i + 1]:.1f}", "n": int((idx == i).sum()),
             "mean_p": float(p[idx == i].mean()) if (idx == i).any() else np.nan,
             "observed": float(met[idx == i].mean()) if (idx == i).any() else np.nan} for i in range(bins)]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class OutcomeBacktest:
    """Per-row predictions (``rows``), the score table, PIT histogram and reliability tables."""

    rows: pd.DataFrame
    table: pd.DataFrame
    pit_counts: np.ndarray
    pit_pvalue: float
    reliability: dict[str, pd.DataFrame] = field(repr=False)
    left_out: pd.DataFrame = field(repr=False, default=None)

    def text(self) -> str:
        r = self.rows
        lines = [f"Real-outcome backtest: {len(r)} triples from {r['plan_id'].nunique()} plans, "
                 f"{int((~r['met']).sum())} misses (leave-one-plan-out where anything is fitted on outcomes)", "",
                 self.table.to_string(index=False, float_format=lambda x: f"{x:.3f}"), "",
                 f"PIT of the outcome under the baseline predictive (5 bins): {self.pit_counts.tolist()}, "
                 f"chi-square flatness p = {self.pit_pvalue:.2f}", "", "Reliability (baseline):",
                 self.reliability["baseline"].to_string(index=False, float_format=lambda x: f"{x:.2f}")]
        if self.left_out is not None and len(self.left_out):
            lines += ["", f"Left out (no base value printed or in the panel, or no reference type): "
                          f"{len(self.left_out)} rows: " + ", ".join(self.left_out["plan_id"] + ":" +
                                                                      self.left_out["indicator"].astype(str))]
        return "\n".join(lines)


def backtest_outcomes(data_dir: Path | str | None = None, *, outcomes: pd.DataFrame | None = None,
                      reference: ReferenceFit | None = None) -> OutcomeBacktest:
    """Score baseline, trend-only, always-0.5 and logistic-recalibrated probabilities on outcomes.csv."""
    df = outcomes if outcomes is not None else load_outcomes(data_dir)
    rf = reference if reference is not None else reference_fit(data_dir)
    rows_in, preps, skipped = _scoreable(df, rf, load_reference(data_dir))
    plans = np.array([r["plan_id"] for r in rows_in])
    recs = []
    for row, q in zip(rows_in, preps):
        others = [p for p, pl in zip(preps, plans) if pl != row["plan_id"]]
        sig = fit_signal(*_signal_inputs(others))
        post = apply_signal(q["post"], q["need"], sig) if q["signal"] else q["post"]
        p_model, pit = _p_and_pit(post, row, q)
        p_hist, _ = _p_and_pit(q["post"], row, q)
        p_trend, _ = _p_and_pit(q["trend"], row, q)
        ex = (-1.0 if str(row["comparator"]).startswith("<") else 1.0) * (q["need"] - q["prior"].loc) \
            / q["prior"].scale_with_draws
        recs.append({**row[["plan_id", "level", "region", "indicator", "type", "comparator", "target_value",
                            "target_year", "outcome_value", "met"]].to_dict(),
                     "kind": q["kind"], "basis": post.basis, "history_points": q["history_points"],
                     "base_used": q["base_used"], "p_model": p_model, "p_history": p_hist, "p_trend": p_trend,
                     "pit": pit, "excess_sd": ex, "signal_bias": sig.bias, "signal_sd": sig.noise_sd})
    rows = pd.DataFrame(recs)
    met = rows["met"].to_numpy(bool)
    p_model, p_trend, p_hist = rows["p_model"].to_numpy(), rows["p_trend"].to_numpy(), rows["p_history"].to_numpy()
    ex = rows["excess_sd"].to_numpy()
    p_recal = np.empty(len(rows))
    for plan in rows["plan_id"].unique():
        test = (rows["plan_id"] == plan).to_numpy()
        b = fit_recalibration(p_hist[~test], ex[~test], met[~test])
        p_recal[test] = apply_recalibration(b, p_hist[test], ex[test])
    rows["p_recalibrated"] = p_recal
    table = pd.DataFrame([{"forecast": name, **scores(p, met)} for name, p in (
        ("baseline: type prior + history + target signal (LOPO)", p_model),
        ("type prior + history, no target information", p_hist),
        ("trend only (type prior alone)", p_trend),
        ("always 0.5", np.full(len(rows), 0.5)),
        ("logistic recalibration of the above (LOPO)", p_recal))])
    counts = np.histogram(rows["pit"], bins=5, range=(0, 1))[0]
    pval = float(stats.chisquare(counts).pvalue) if counts.sum() else np.nan
    rel = {"baseline": reliability(p_model, met), "no target information": reliability(p_hist, met)}
    return OutcomeBacktest(rows, table, counts, pval, rel, pd.DataFrame(skipped))


__all__ = ["load_outcomes", "backtest_outcomes", "OutcomeBacktest", "scores", "reliability", "fitted_signal",
           "fit_recalibration", "apply_recalibration"]
