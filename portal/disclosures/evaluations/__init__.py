"""Performance evaluation results: public page context and chart, the listing's FilterSet, the
registry hooks (latest grade, profile section) and the open-data exports."""
