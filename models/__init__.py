# A mixin is defined before the models that inherit it.
from . import customer_purchasing_input

# isort: split
from . import (
    customer_approval_pool,
    customer_budget,
    customer_budget_report,
    customer_control_change,
    customer_department,
    customer_purchasing_rule,
    customer_shopping_list,
    customer_shopping_list_line,
    customer_shopping_list_share,
    ir_rule,
    payment_transaction,
    product_category,
    product_pricelist,
    product_pricelist_assortment_entry,
    product_pricelist_item,
    product_public_category,
    product_template,
    res_config_settings,
    res_currency_rate,
    res_partner,
    res_partner_approval_text,
    res_partner_assortment,
    res_partner_control,
    res_partner_department,
    res_partner_department_manager,
    res_partner_four_eyes,
    res_partner_order_for,
    res_partner_pool,
    res_partner_reference,
    res_partner_shopping_list,
    res_partner_spending,
    res_partner_spending_export,
    res_partner_spending_people,
    res_partner_substitute,
    res_partner_team,
    res_partner_team_department,
    res_partner_team_pool,
    res_partner_team_rule,
    resource_calendar,
    sale_order,
    sale_order_approval,
    sale_order_approval_edit,
    sale_order_approval_history,
    sale_order_approval_reason,
    sale_order_approval_report,
    sale_order_approval_token,
    sale_order_assortment,
    sale_order_binding,
    sale_order_cart_notice,
    sale_order_cron,
    sale_order_escalation,
    sale_order_four_eyes,
    sale_order_free_text,
    sale_order_guard,
    sale_order_line,
    sale_order_notify,
    sale_order_portal,
    sale_order_reference,
    sale_order_routing,
    sale_order_spending,
    sale_order_substitute,
    sale_order_via_email,
    website,
    website_order_for,
)

# isort: split
# These contribute to the engine's extension points (EXTENSION_POINTS in
# sale_order.py): loaded after the engine, so that their methods run first and
# call super(). tests/test_extension_points.py pins the resulting order.
from . import (
    res_partner_delivery,
    sale_order_delivery,
    sale_order_purchasing,
    sale_order_purchasing_routing,
)

# isort: split
# Pools of approvers: loaded after the routing they extend, before the orders
# placed on behalf (whose routing hands them a pool as a person's next level).
from . import sale_order_pool

# isort: split
# Orders placed on behalf refine the routing and the substitutes: loaded after
# them, so that their methods come first.
from . import sale_order_on_behalf

# isort: split
# Department managers narrow the team service of the customer admins (checks
# that run before the others): loaded after every part of it.
from . import (
    res_partner_spending_scope,
    res_partner_team_manager,
    sale_order_department_manager,
)
