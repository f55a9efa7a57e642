"""The activity pages: ``enterprises`` (the surveys) and ``outreach`` (the teams and their visits)."""
