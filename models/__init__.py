from . import (
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_approval_history,
    sale_order_approval_reason,
)
