"""Entry script of the installed page (``talentsim app`` runs ``streamlit run`` on this file)."""

from talentsim.app.page import run

run()
