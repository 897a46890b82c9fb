"""The Streamlit app's state and views; only this package (and ``app.py``) imports Streamlit."""
