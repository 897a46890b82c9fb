"""The calibrated predictive distribution of a target's realised growth per year.

With ``m`` and ``s`` the uncalibrated drift mean and per-year predictive sd (type prior +
history at the origin, no target information, :mod:`forecast.calibration.rows`), the
realised growth per year on the working scale is read as

    r ~ mu + sigma * t(DF)
    mu      = m + b * (need - m) + raw . z + side * s * (alpha0 + alpha_type + alpha_key + c . x)
    log sigma = log s + kappa0 + kappa_type + kappa_key + d . x

``need`` the growth per year the target requires (``b_ceiling`` for ``<=`` targets; the term is
off for a target its base already meets); ``side`` +1 for a floor, -1 for a ceiling, so the
biases say how far outcomes land on the target's side (a rate type holds unemployment ceilings
and patent floors: an unsigned bias carried one to the other). Feature groups, each switched
on by a *feature set*: ``type`` (outcome-base type), ``key`` (the indicator, e.g. GDP growth vs
CPI: own terms once MIN_KEY_ROWS rows from MIN_KEY_REGIONS regions train them, and a spread
term ``d_nokey`` of its own for an indicator without — fitted, not assumed wider), ``context`` (:mod:`forecast.calibration.context`:
the region's record on the indicator, the target against its peers' targets, a growth rate's
rebound — ``z`` in units of the growth, the record in units of ``s``), ``level`` (national,
city/district against province), ``plan_kind`` (yearly against plan-length), and the
comparator, wording and horizon terms. Every term is shrunk toward 0 by a normal penalty
(prior sd ``PRIOR_SD``; a per-type ambition slope was tried and lost on leave-one-region-out
Brier, 0.2015 vs 0.2001). The fit is penalised maximum likelihood (L-BFGS, analytic gradient)
of the realised growth and, weighted MET_WEIGHT, of met/missed under the same law.
Nothing known only after the origin is a feature. P(met) follows from the Student-t
predictive; the engine shifts and scales the same law (:mod:`forecast.calibration.apply`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, special

#: Feature groups in the order they are added in selection (each set = a prefix).
GROUPS: tuple[str, ...] = ("ambition", "type", "key", "context", "level", "plan_kind", "comparator", "wording", "horizon")
#: An indicator key gets its own terms when the training rows hold this many of it from MIN_KEY_REGIONS regions.
MIN_KEY_ROWS = 8
MIN_KEY_REGIONS = 3
#: Context features (:mod:`forecast.calibration.context`): in units of the growth (raw) or of ``s``.
CONTEXT_RAW = ("peer_need", "peer_base", "rev")
CONTEXT_SD = ("prev",)
#: Prior sd (normal penalty toward 0) by parameter family.
PRIOR_SD = {"alpha0": 1.0, "b": 1.0, "kappa0": 1.0, "alpha_type": 0.5, "kappa_type": 0.3,
            "alpha_key": 0.5, "kappa_key": 0.3, "c": 0.5, "d": 0.3}
CEILING = ("<=", "<")
#: Upper bound of every ambition slope: below 1, P(met) falls as the target gets harder.
B_MAX = 0.95
#: Weight of the met/missed term against the realised-growth term in the likelihood (3 beat 1 on
#: LORO Brier, 0.190 vs 0.191, and mean P, on the first 1,112 rows; chosen once, not tuned further).
MET_WEIGHT = 3.0
#: Weight of a five-year (or longer) row against a yearly one in the likelihood. 1: weighting the
#: plan-length rows up (3, 6) made their leave-one-region-out slope worse (0.62, 0.59 vs 0.69).
FIVE_YEAR_WEIGHT = 1.0
#: Degrees of freedom of the Student-t predictive (realised growth has heavier tails than a normal;
#: on grouped cross-validation 4 covered the 50/80/95 % intervals within 5 points, 5 and 3 did not).
DF = 4.0
#: Parameter names of the held-out spread factors (log scale) per plan kind, set by
#: :func:`forecast.calibration.spread.widen` (absent: 0).
SPREAD_PARAMS = {"yearly": "spread_cv:yearly", "plan": "spread_cv:plan"}


def already_met(df: pd.DataFrame, ceil: np.ndarray) -> np.ndarray:
    """True for a level or flow target its base already meets (a floor needing no rise, a ceiling
    already respected); growth-rate targets never (their need is the change of a rate)."""
    need = df["need"].to_numpy(float)
    return (df["type"].astype(str).to_numpy() != "growth") & np.where(ceil, need >= 0, need <= 0)


def ambition_gap(df: pd.DataFrame, ceil: np.ndarray) -> np.ndarray:
    """need - m, the target's ambition against the trend. For a level or flow target its base
    already meets (a floor: >= with no rise needed, or a ceiling <= already respected) only the
    part on the target's side counts — a floor says what the region will not fall below, not
    where its trend goes, but a trend that would break it is pulled toward it. This keeps P
    monotone in the target across need = 0. Growth-rate targets (``growth``) are always read
    (a lower growth target is the expected slowdown)."""
    gap = df["need"].to_numpy(float) - df["m"].to_numpy(float)
    side = np.where(ceil, np.minimum(gap, 0.0), np.maximum(gap, 0.0))
    return np.where(already_met(df, ceil), side, gap)


def features(df: pd.DataFrame) -> pd.DataFrame:
    """Per-row inputs of the calibration (all known at the origin); the indicator key and the
    context columns are read when ``df`` has them (else no key, context 0)."""
    ceil = df["comparator"].isin(CEILING).to_numpy()
    n = len(df)
    ctx = {c: (df[c].to_numpy(float) if c in df else np.zeros(n)) for c in CONTEXT_RAW + CONTEXT_SD}
    key = df["indicator_key"].astype(str).to_numpy() if "indicator_key" in df else np.full(n, "")
    return pd.DataFrame({
        "type": df["type"].astype(str).to_numpy(), "key": key, **ctx,
        "region": df["region"].astype(str).to_numpy() if "region" in df else np.full(n, ""),
        "gap": ambition_gap(df, ceil),
        "need_gap": df["need"].to_numpy(float) - df["m"].to_numpy(float),
        "national": (df["level"].astype(str) == "national").to_numpy(float) if "level" in df else np.zeros(n),
        "city": df["level"].astype(str).isin(("city", "district")).to_numpy(float) if "level" in df else np.zeros(n),
        "s": df["s"].to_numpy(float), "ceiling": ceil.astype(float),
        "yearly": (df["plan_kind"].astype(str) == "yearly").to_numpy(float),
        "approx": df["approx"].astype(bool).to_numpy(float), "strive": df["strive"].astype(bool).to_numpy(float),
        "logh": np.log(np.maximum(df["years"].to_numpy(float), 1.0) / 5.0)})


def eligible_keys(X: pd.DataFrame) -> tuple[str, ...]:
    """Indicator keys with at least MIN_KEY_ROWS rows from MIN_KEY_REGIONS regions in ``X``
    (needs a ``region`` column; without one, every key with MIN_KEY_ROWS rows)."""
    k = X["key"].astype(str)
    n = k.value_counts()
    ok = n[n >= MIN_KEY_ROWS].index
    if "region" in X:
        regions = X.groupby(k)["region"].nunique()
        ok = [c for c in ok if regions.get(c, 0) >= MIN_KEY_REGIONS]
    return tuple(sorted(c for c in ok if c))


def _columns(groups: tuple[str, ...], types: tuple[str, ...],
             keys: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(parameter name, 'loc'|'sd', prior family) of a feature set."""
    cols = [("alpha0", "loc", "alpha0"), ("b", "loc", "b"), ("b_easy", "loc", "b"), ("b_ceiling", "loc", "b"),
            ("kappa0", "sd", "kappa0")]
    if "type" in groups:
        cols += [(f"alpha_type:{t}", "loc", "alpha_type") for t in types]
        cols += [(f"kappa_type:{t}", "sd", "kappa_type") for t in types]
        # a type's spread differs on plan-length targets (a five-year mean growth rate is far
        # steadier than one year's; shares and totals drift further than a year's noise says)
        cols += [(f"kappa_plan:{t}", "sd", "kappa_type") for t in types]
    if "key" in groups:
        cols += [(f"alpha_key:{k}", "loc", "alpha_key") for k in keys]
        cols += [(f"kappa_key:{k}", "sd", "kappa_key") for k in keys]
        cols += [("d_nokey", "sd", "d")]   # an indicator without terms of its own: its own spread term
    if "context" in groups:
        cols += [(f"raw_{c}", "loc", "c") for c in CONTEXT_RAW] + [(f"c_{c}", "loc", "c") for c in CONTEXT_SD]
    if "level" in groups:
        cols += [(f"c_{lv}", "loc", "c") for lv in ("national", "city")]
    if "plan_kind" in groups:
        cols += [("c_yearly", "loc", "c"), ("d_yearly", "sd", "d"), ("b_yearly", "loc", "b")]
    if "comparator" in groups:
        cols += [("c_ceiling", "loc", "c"), ("d_ceiling", "sd", "d")]
    if "wording" in groups:
        cols += [("c_approx", "loc", "c"), ("c_strive", "loc", "c")]
    if "horizon" in groups:
        cols += [("c_logh", "loc", "c"), ("d_logh", "sd", "d")]
    return cols


def _design(X: pd.DataFrame, cols: list[tuple[str, str, str]]) -> np.ndarray:
    """Column j multiplies parameter j: loc columns in units of the growth, sd columns of log sigma."""
    s, gap, ceil = X["s"].to_numpy(), X["gap"].to_numpy(), X["ceiling"].to_numpy()
    keyed = [c[0].split(":", 1)[1] for c in cols if c[0].startswith("alpha_key:")]
    # with a yearly slope of its own, ``b`` is the plan-length floors' slope (each one bounded)
    split = any(c[0] == "b_yearly" for c in cols)
    yearly = X["yearly"].to_numpy()
    out = []
    for name, part, _ in cols:
        if name == "d_nokey":
            v = (~np.isin(X["key"].to_numpy(), keyed)).astype(float)
        elif name == "b":           # a floor above the trend (plan-length only when yearly has its own)
            v = np.maximum(gap, 0) * (1 - ceil) * ((1 - yearly) if split else 1.0)
        elif name == "b_yearly":
            v = np.maximum(gap, 0) * (1 - ceil) * yearly
        elif name == "b_easy":      # a floor below the trend: how far outcomes fall toward it
            v = np.minimum(gap, 0) * (1 - ceil)
        elif name == "b_ceiling":
            v = gap * ceil
        elif name in ("alpha0", "kappa0"):
            v = np.ones(len(X))
        elif ":" in name:
            col = "key" if "_key:" in name else "type"
            v = (X[col].to_numpy() == name.split(":", 1)[1]).astype(float)
            if name.startswith("kappa_plan:"):
                v = v * (1 - yearly)
        else:
            v = X[name.split("_", 1)[1]].to_numpy(float)
        raw = name.startswith("b") or name.startswith("raw_")
        if part == "loc" and not raw:     # a bias toward the target's side: up for a floor, down for a ceiling
            v = v * s * (1 - 2 * ceil)
        out.append(v)
    return np.column_stack(out) if out else np.zeros((len(X), 0))


@dataclass(frozen=True)
class Calibration:
    """Fitted calibration: ``params`` name -> value, the feature ``groups`` used, ``n`` rows."""

    groups: tuple[str, ...]
    params: dict[str, float] = field(default_factory=dict)
    n: int = 0

    def _cols(self) -> list[tuple[str, str, str]]:
        types = tuple(sorted(k.split(":", 1)[1] for k in self.params if k.startswith("alpha_type:")))
        keys = tuple(sorted(k.split(":", 1)[1] for k in self.params if k.startswith("alpha_key:")))
        return _columns(self.groups, types, keys)

    def predict(self, X: pd.DataFrame, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(mu, sigma) of the realised growth per year for feature rows ``X`` with drift means ``m``."""
        cols = self._cols()
        A = _design(X, cols)
        theta = np.array([self.params.get(c[0], 0.0) for c in cols])
        loc_mask = np.array([c[1] == "loc" for c in cols], bool)
        mu = np.asarray(m, float) + A[:, loc_mask] @ theta[loc_mask]
        # the held-out spread factors (:mod:`forecast.calibration.spread`; 0 until set)
        yearly = X["yearly"].to_numpy(float)
        held_out = (self.params.get(SPREAD_PARAMS["yearly"], 0.0) * yearly
                    + self.params.get(SPREAD_PARAMS["plan"], 0.0) * (1 - yearly))
        sigma = X["s"].to_numpy() * np.exp(A[:, ~loc_mask] @ theta[~loc_mask] + held_out)
        return mu, sigma


def _t_pdf(z: np.ndarray) -> np.ndarray:
    """Student-t(DF) density (the ufunc form: scipy.stats' checks cost more than the fit)."""
    return _T_NORM * (1 + z ** 2 / DF) ** (-(DF + 1) / 2)


_T_NORM = float(np.exp(special.gammaln((DF + 1) / 2) - special.gammaln(DF / 2)) / np.sqrt(DF * np.pi))


def _met_term(mu, lsig, gap, sign, met, wt):
    """-log P(met outcome) of rows (weighted by ``wt``) and its derivatives by mu and log sigma."""
    sig = np.exp(lsig)
    z = sign * (mu - gap) / sig
    p = np.clip(special.stdtr(DF, z), 1e-9, 1 - 1e-9)
    dens = _t_pdf(z)
    val = -np.sum(wt * (met * np.log(p) + (1 - met) * np.log1p(-p)))
    dz = -wt * dens * (met / p - (1 - met) / (1 - p))
    return float(val), dz * sign / sig, -dz * z


def fit(X: pd.DataFrame, m: np.ndarray, r: np.ndarray, groups: tuple[str, ...], *,
        types: tuple[str, ...] | None = None, keys: tuple[str, ...] | None = None,
        start: dict[str, float] | None = None,
        met: np.ndarray | None = None) -> Calibration:
    """Penalised maximum likelihood of the calibration on rows ``X`` (realised ``r``, drift means
    ``m``). With ``met`` the likelihood also has each target's met/missed outcome under the same
    law (the reports round outcomes and bunch them at the target, which a smooth law of ``r``
    alone misses); both terms weigh each row once."""
    types = types if types is not None else tuple(sorted(set(X["type"])))
    keys = keys if keys is not None else eligible_keys(X)
    cols = _columns(groups, types, keys)
    A = _design(X, cols)
    loc = np.array([c[1] == "loc" for c in cols], bool)
    psd = np.array([PRIOR_SD[c[2]] for c in cols])
    ls = np.log(X["s"].to_numpy())
    y = np.asarray(r, float) - np.asarray(m, float)
    # the met term reads the target's own requirement (need - m), as p_met does, also where the
    # location's ambition term is switched off (a target already met at its base)
    gap = (X["need_gap"] if "need_gap" in X else X["gap"]).to_numpy(float)
    sign = np.where(X["ceiling"].to_numpy() > 0, -1.0, 1.0)
    hit = None if met is None else np.asarray(met, float)
    wt = 1.0 + (FIVE_YEAR_WEIGHT - 1.0) * (1.0 - X["yearly"].to_numpy(float))

    A_loc, A_sd = np.ascontiguousarray(A[:, loc]), np.ascontiguousarray(A[:, ~loc])

    def nll(th):
        mu = A_loc @ th[loc]
        lsig = ls + A_sd @ th[~loc]
        e = (y - mu) * np.exp(-lsig)
        w = (DF + 1) / (DF + e ** 2)
        gm, gs = -(wt * w * e * np.exp(-lsig)), wt * (1 - w * e ** 2)
        val = np.sum(wt * (lsig + 0.5 * (DF + 1) * np.log1p(e ** 2 / DF)))
        if met is not None:
            v2, gm2, gs2 = _met_term(mu, lsig, gap, sign, hit, wt)
            val, gm, gs = val + MET_WEIGHT * v2, gm + MET_WEIGHT * gm2, gs + MET_WEIGHT * gs2
        g = np.empty_like(th)
        g[loc], g[~loc] = A_loc.T @ gm, A_sd.T @ gs
        return float(val + 0.5 * np.sum((th / psd) ** 2)), g + th / psd ** 2

    th0 = np.array([(start or {}).get(c[0], 0.0) for c in cols])
    # an ambition slope of 1 or more would let a harder target score higher: bounded below 1
    bounds = [(None, B_MAX) if c[0] in ("b", "b_yearly", "b_easy", "b_ceiling") else (None, None) for c in cols]
    th0 = np.minimum(th0, [b[1] if b[1] is not None else np.inf for b in bounds])
    res = optimize.minimize(nll, th0, jac=True, method="L-BFGS-B", bounds=bounds)
    return Calibration(tuple(groups), {c[0]: float(v) for c, v in zip(cols, res.x)}, int(len(X)))


def _phi(x: np.ndarray) -> np.ndarray:
    return special.stdtr(DF, np.asarray(x, float))


def p_met(mu: np.ndarray, sigma: np.ndarray, need: np.ndarray, comparator: np.ndarray,
          band: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """P(target met) under r ~ mu + sigma t(DF): ``>=``/``>`` P(r >= need), ``<=``/``<`` P(r <= need),
    ``=`` P(lo <= r <= hi) for ``band`` = (lo, hi) growth bounds (else as ``>=``)."""
    z = (np.asarray(mu) - np.asarray(need)) / np.asarray(sigma)
    comp = np.asarray(comparator).astype(str)
    p = np.where(np.isin(comp, CEILING), _phi(-z), _phi(z))
    if band is not None:
        lo, hi = band
        inside = _phi((hi - mu) / sigma) - _phi((lo - mu) / sigma)
        p = np.where((comp == "=") & np.isfinite(lo) & np.isfinite(hi), inside, p)
    return p


__all__ = ["DF", "GROUPS", "ambition_gap", "eligible_keys", "PRIOR_SD", "Calibration", "features", "fit", "p_met"]
