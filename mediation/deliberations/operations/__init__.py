"""Operations of the deliberations domain: check permission, validate, change, audit, flush."""
