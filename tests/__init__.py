from . import (
    test_concurrency,
    test_decisions,
    test_external_api,
    test_installation,
    test_mail,
    test_partner_settings,
    test_performance,
    test_routing,
    test_vendor_guard,
)
