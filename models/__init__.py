from . import (
    payment_transaction,
    product_pricelist,
    product_pricelist_item,
    product_public_category,
    res_config_settings,
    res_partner,
    res_partner_approval_text,
    res_partner_assortment,
    res_partner_reference,
    res_partner_team,
    sale_order,
    sale_order_approval,
    sale_order_approval_edit,
    sale_order_approval_history,
    sale_order_approval_reason,
    sale_order_assortment,
    sale_order_free_text,
    sale_order_guard,
    sale_order_line,
    sale_order_notify,
    sale_order_portal,
    sale_order_reference,
    sale_order_routing,
    sale_order_spending,
    website,
)

# isort: split
# These extend the team service, the routing and the gate: loaded after them.
from . import res_partner_delivery, sale_order_delivery
