"""Rolling one plan out to many databases and tenant schemas: targets, stages, outcomes."""
