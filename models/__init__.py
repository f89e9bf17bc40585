from . import (
    product_pricelist,
    product_pricelist_item,
    product_public_category,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_approval_history,
    sale_order_approval_reason,
    sale_order_line,
    website,
)
