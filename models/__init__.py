from . import res_config_settings
from . import res_partner
from . import sale_order_approval_reason
from . import sale_order_approval_history
from . import sale_order
