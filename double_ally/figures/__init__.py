"""Chart builders, one module per chapter. Each returns an Altair chart already wrapped by
``double_ally.charts.figure`` (title stating the finding, source line, alt text, a stable name)."""
