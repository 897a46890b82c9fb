"""Measurement behind dropping the model families from the default path (run from the repo root:
``python -m tests.forecast.rolling_origin_families``).

60 provincial panel series with 14 clean years; at history lengths 5, 7, 9 the value five
years after the last point is forecast by (a) the type-prior update's median and (b) the
model family ``forecast.fit`` chooses; RMSE of the log (logit) error.  When written:
update 0.263 / 0.277 / 0.262, families 0.398 / 0.392 / 0.355.  Caveat: the series are
part of the reference class the prior is fitted on (a mild in-sample advantage).
"""
import numpy as np, pandas as pd, warnings
warnings.filterwarnings("ignore")
from forecast.reference import load_reference, to_working
from forecast.typeprior import reference_fit
from forecast.drift_update import update
from forecast.calibrate import fit
rf=reference_fit(); p=load_reference()
rng=np.random.default_rng(0)
sids=p.groupby('series_id').filter(lambda g: len(g)==14 and (g.status=='observed').all())['series_id'].unique()
sids=rng.choice(sids, 60, replace=False)
res=[]
for sid in sids:
    g=p[p.series_id==sid].sort_values('year'); kind=g.type.iloc[0]
    y=g.year.values; v=g.value.values
    for n in (5,7,9):
        hy,hv=y[:n],v[:n]; tgt=v[n-1+5]
        post=update(hy,hv,rf[kind])
        zn=to_working(hv[-1],kind)
        pu = zn+5*post.loc
        try:
            cal=fit(pd.Series(hv,index=hy), prior=rf[kind].pooled(), share=kind=='share')
            pf=cal.predict([hy[-1]+5])[0]; pf=to_working(pf,kind)
        except Exception as e:
            pf=np.nan
        zt=to_working(tgt,kind)
        res.append(dict(n=n,kind=kind,err_update=zt-pu,err_family=zt-pf,chosen=cal.chosen))
r=pd.DataFrame(res)
print(r.groupby('n').agg(rmse_update=('err_update',lambda e: np.sqrt(np.nanmean(e**2))),rmse_family=('err_family',lambda e: np.sqrt(np.nanmean(e**2))),n_rows=('err_update','size')))
print(r.chosen.value_counts())
