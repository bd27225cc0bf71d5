"""One module per schema change, applied in order by `flask db upgrade`."""
