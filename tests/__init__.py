from . import test_concurrency
from . import test_decisions
from . import test_external_api
from . import test_mail
from . import test_partner_settings
from . import test_performance
from . import test_routing
from . import test_vendor_guard
