"""talentsim: the planners' page. A thin entry: set the page, read the sidebar, show one view.

State lives in ``talentsim.app.state``, cached numbers in ``talentsim.app.compute`` and each
view in ``talentsim/app/views/``; every number comes from ``scenarios`` / ``forecast``.

Run: ``streamlit run app.py`` in a checkout, or ``talentsim app`` from an installed package. A link reproduces the view: ``?region=tianhe&preset=plan&lang=en``
plus any lever values, e.g. ``&funding_cny_100m_per_year=2.4``; ``?present=1`` presents.
"""

from talentsim.app.page import run

run()
