# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from .notices import notice_text, notice_url

# Where /shop/lists/add may send the person back to: a path of this site only.
ADD_RETURN_PREFIXES = ("/shop", "/my/lists")


class ShoppingListPortal(CustomerPortal):
    """/my/lists: the shopping lists of a sub-account and of its colleagues.
    Which lists a person reads is decided by the record rules, what they may
    change by the models; here ids are looked up among the readable lists."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shopping_list_count" in counters:
            values["shopping_list_count"] = (
                0
                if request.env.user._is_public()
                else request.env["customer.shopping.list"].search_count(
                    request.env["customer.shopping.list"]._portal_domain()
                )
            )
        return values

    @staticmethod
    def _to_id(value):
        value = str(value or "")
        return int(value) if value.isdigit() else 0

    @staticmethod
    def _to_quantity(value):
        """A posted quantity, or None when it is no number."""
        try:
            quantity = float(str(value).replace(",", "."))
        except ValueError:
            return None
        return quantity if math.isfinite(quantity) and abs(quantity) < 1e9 else None

    def _get_list(self, list_id):
        """The list ``list_id`` among those the user may read, or 404."""
        if request.env.user._is_public():
            raise request.not_found()
        Lists = request.env["customer.shopping.list"]
        shopping_list = Lists.search(
            Lists._portal_domain() & Domain("id", "=", self._to_id(list_id))
        )
        if not shopping_list:
            raise request.not_found()
        return shopping_list

    def _redirect(self, url, message=None, error=None):
        return request.redirect(notice_url(url, message=message, error=error))

    def _do(self, shopping_list, action, message=None, url=None):
        """Run ``action`` on the list; the person's errors come back as a message."""
        url = url or "/my/lists/%s" % shopping_list.id
        try:
            with request.env.cr.savepoint():
                result = action()
        except (AccessError, UserError, ValidationError) as error:
            return self._redirect(url, error=error.args[0])
        return self._redirect(
            url, message=result if isinstance(result, str) else message
        )

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    @http.route("/my/lists", type="http", auth="user", website=True, readonly=True)
    def portal_my_lists(self, **kwargs):
        partner = request.env.user.partner_id
        Lists = request.env["customer.shopping.list"]
        lists = Lists.search(Lists._portal_domain())
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "shopping_lists",
                "own_lists": lists.filtered(lambda rec: rec.owner_id == partner),
                "other_lists": lists.filtered(lambda rec: rec.owner_id != partner),
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render("website_sale_customer_approval.portal_my_lists", values)

    @http.route(
        "/my/lists/new", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_lists_new(self, name="", **kwargs):
        if request.env.user._is_public():
            raise request.not_found()
        name = (name or "").strip()
        if not name:
            return self._redirect(
                "/my/lists", error=request.env._("Please give the list a name.")
            )
        shopping_list = request.env["customer.shopping.list"].create({"name": name})
        return request.redirect("/my/lists/%s" % shopping_list.id)

    @http.route(
        "/my/lists/<int:list_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_list(self, list_id, **kwargs):
        shopping_list = self._get_list(list_id)
        partner = request.env.user.partner_id
        website = request.website
        lines = shopping_list.line_ids
        manage = shopping_list._is_managed_by(partner)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "shopping_list",
                "shopping_list": shopping_list,
                "lines": lines,
                "orderable": shopping_list._get_orderable_lines(website),
                "prices": shopping_list._get_unit_prices(
                    lines.product_id,
                    website,
                    request.pricelist,
                    request.fiscal_position,
                ),
                "currency": website.currency_id,
                "can_edit": shopping_list._is_editable_by(partner),
                "can_manage": manage,
                "colleagues": shopping_list._get_colleagues() if manage else [],
                "rights": {
                    share.partner_id.id: "edit" if share.can_edit else "read"
                    for share in shopping_list.share_ids
                },
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render("website_sale_customer_approval.portal_my_list", values)

    # ------------------------------------------------------------------
    # Changes of a list
    # ------------------------------------------------------------------
    @http.route(
        "/my/lists/<int:list_id>/rename",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_rename(self, list_id, name="", **kwargs):
        shopping_list = self._get_list(list_id)
        name = (name or "").strip()

        def rename():
            if not name:
                raise UserError(request.env._("Please give the list a name."))
            shopping_list.name = name

        return self._do(shopping_list, rename, request.env._("The list is renamed."))

    @http.route(
        "/my/lists/<int:list_id>/share",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_share(self, list_id, sharing="private", **kwargs):
        shopping_list = self._get_list(list_id)
        rights = {}
        for key, value in kwargs.items():
            if key.startswith("share_") and value in ("read", "edit"):
                rights[self._to_id(key[len("share_") :]) or -1] = value

        def share():
            shopping_list._set_sharing(
                sharing, bool(kwargs.get("company_can_edit")), rights
            )

        return self._do(shopping_list, share, request.env._("The sharing is saved."))

    @http.route(
        "/my/lists/<int:list_id>/lines",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_lines(self, list_id, **kwargs):
        shopping_list = self._get_list(list_id)
        quantities = {
            self._to_id(key[len("qty_") :]) or -1: self._to_quantity(value)
            for key, value in kwargs.items()
            if key.startswith("qty_")
        }
        return self._do(
            shopping_list,
            lambda: shopping_list._set_quantities(quantities),
            request.env._("The quantities are saved."),
        )

    @http.route(
        "/my/lists/<int:list_id>/line/<int:line_id>/remove",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_line_remove(self, list_id, line_id, **kwargs):
        shopping_list = self._get_list(list_id)
        line = shopping_list.line_ids.filtered(lambda rec: rec.id == line_id)
        if not line:
            raise request.not_found()
        return self._do(
            shopping_list, line.unlink, request.env._("The line is removed.")
        )

    @http.route(
        "/my/lists/<int:list_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_delete(self, list_id, **kwargs):
        shopping_list = self._get_list(list_id)
        name = shopping_list.name
        try:
            with request.env.cr.savepoint():
                shopping_list.unlink()
        except AccessError as error:
            return self._redirect("/my/lists/%s" % list_id, error=error.args[0])
        return self._redirect(
            "/my/lists", message=request.env._("The list %s is deleted.", name)
        )

    # ------------------------------------------------------------------
    # Into the cart
    # ------------------------------------------------------------------
    def _list_to_cart(self, shopping_list, lines=None):
        """Put the list (or ``lines`` of it) into the person's cart. Lines they
        may not order are skipped and named; the others go in together or not
        at all."""
        order_sudo = request.cart or request.website._create_cart()
        if order_sudo.partner_id != request.env.user.partner_id:
            raise request.not_found()
        url = "/my/lists/%s" % shopping_list.id
        try:
            with request.env.cr.savepoint():
                added, skipped = shopping_list._add_to_cart(
                    order_sudo, request.website, lines
                )
        except UserError as error:
            return self._redirect(url, error=error.args[0])
        request.session["website_sale_cart_quantity"] = order_sudo.cart_quantity
        message = request.env._("Put in your cart: %s", len(added)) if added else None
        return self._redirect(
            url, message=message, error=shopping_list._skipped_message(skipped)
        )

    @http.route(
        "/my/lists/<int:list_id>/cart",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_cart(self, list_id, **kwargs):
        return self._list_to_cart(self._get_list(list_id))

    @http.route(
        "/my/lists/<int:list_id>/line/<int:line_id>/cart",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_list_line_cart(self, list_id, line_id, **kwargs):
        shopping_list = self._get_list(list_id)
        line = shopping_list.line_ids.filtered(lambda rec: rec.id == line_id)
        if not line:
            raise request.not_found()
        return self._list_to_cart(shopping_list, line)

    # ------------------------------------------------------------------
    # From the shop: product page, cart, /shop/contract
    # ------------------------------------------------------------------
    @http.route(
        "/shop/lists/add",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def shop_lists_add(
        self, product_id=None, quantity=1, list_id=None, new_list_name="", **kwargs
    ):
        if request.env.user._is_public():
            raise request.not_found()
        back = kwargs.get("redirect") or "/my/lists"
        if not back.startswith(ADD_RETURN_PREFIXES) or back.startswith("//"):
            back = "/my/lists"
        back = back.split("?", 1)[0]
        Lists = request.env["customer.shopping.list"]
        product = request.env["product.product"].browse(self._to_id(product_id))
        quantity = self._to_quantity(quantity)
        new_list_name = (new_list_name or "").strip()
        try:
            with request.env.cr.savepoint():
                if self._to_id(list_id):
                    shopping_list = self._get_list(list_id)
                elif new_list_name:
                    shopping_list = Lists.create({"name": new_list_name})
                else:
                    raise UserError(
                        request.env._("Please choose a list or name a new one.")
                    )
                shopping_list._add_product(product, quantity, request.website)
        except (AccessError, UserError, ValidationError) as error:
            return self._redirect(back, error=error.args[0])
        return self._redirect(
            back,
            message=request.env._(
                "%(product)s is on the list %(list)s.",
                product=product.display_name,
                list=shopping_list.name,
            ),
        )
