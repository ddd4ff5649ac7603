"""The news-page pipeline: read → clean and split → extract records → load. Pure until load."""
