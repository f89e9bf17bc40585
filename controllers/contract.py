# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from operator import itemgetter

from werkzeug.exceptions import NotFound

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import Controller, request, route
from odoo.tools import groupby

from .notices import notice_query, notice_text

CONTRACT_PAGE_SIZE = 60


class ContractAssortment(Controller):
    """/shop/contract: the contract assortment of the logged-in sub-account."""

    def _get_contract_assortment_or_404(self):
        partner = request.website._get_shop_partner()
        if request.env.user._is_public() or not partner._get_contract_assortment():
            raise NotFound()
        return partner

    @route(
        ["/shop/contract", "/shop/contract/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def contract_assortment(self, page=1, **kwargs):
        partner = self._get_contract_assortment_or_404()
        website = request.website
        Template = request.env["product.template"]
        domain = partner._get_contract_assortment_shop_domain(website)
        # The page lists the assortment by the shop's categories. The order of the
        # whole assortment is known only once its products are grouped (in Python,
        # from a few batched reads); the page then takes its slice of it.
        templates = Template.search_fetch(
            domain, ["categ_id", "public_categ_ids"], order="name, id"
        )
        groups = request.env["product.public.category"]._group_contract_templates(
            templates, website
        )
        ordered = [
            (category, template_id)
            for category, group in groups
            for template_id in group._ids
        ]
        pager = portal_pager(
            url="/shop/contract",
            total=len(ordered),
            page=page,
            step=CONTRACT_PAGE_SIZE,
        )
        shown = ordered[pager["offset"] : pager["offset"] + CONTRACT_PAGE_SIZE]
        # A fresh prefetch: what the page renders is read for its products only.
        templates = Template.browse([template_id for _category, template_id in shown])
        groups = [
            (
                category,
                templates.browse(
                    [template_id for _c, template_id in items]
                ).with_prefetch(templates._prefetch_ids),
            )
            for category, items in groupby(shown, key=itemgetter(0))
        ]
        return request.render(
            "website_sale_customer_approval.contract_assortment_page",
            {
                "partner": partner,
                "assortment": partner._get_contract_assortment(),
                "groups": groups,
                "prices": templates._get_sales_prices(website),
                "pager": pager,
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            },
        )

    @route(
        "/shop/contract/add",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def contract_assortment_add(self, product_id=None, quantity=1, **kwargs):
        partner = self._get_contract_assortment_or_404()
        order_sudo = request.cart or request.website._create_cart()
        if order_sudo.partner_id != partner:
            raise NotFound()
        try:
            name = order_sudo._cart_add_contract_product(product_id, quantity)
        except UserError as error:
            return request.redirect(
                "/shop/contract?" + notice_query(error=error.args[0])
            )
        message = request.env._("%s is in your cart.", name)
        return request.redirect("/shop/contract?" + notice_query(message=message))
