"""What the kinds of :mod:`..specs` are built from besides the engine: behaviours several kinds
share (:mod:`.protocol_mappers`, a base class; :mod:`.role_sets`; :mod:`.scope_links`) and the long
tables and checks of one kind (:mod:`.client_fields`, :mod:`.identity_provider_checks`)."""
