from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from mediation.documents import codes
from mediation.forms import REQUIRED

MAX_PDF_BYTES = 20 * 1024 * 1024


class CodeForm(FlaskForm):
    code = StringField(_l("验证码"), validators=[DataRequired(REQUIRED), Length(max=40)],
                       description=_l("文书页脚上的12位验证码，例如 ABCD-2345-EFGH"))

    def validate_code(self, field):
        if codes.normalize(field.data or "") is None:
            raise ValidationError(_("验证码应为12位字母和数字（不含0、1、I、L、O、U）"))

    @staticmethod
    def not_found_message() -> str:
        return _("没有找到该验证码对应的文书，请核对后重新输入。")


class UploadForm(FlaskForm):
    file = FileField(_l("PDF 文件"), validators=[FileRequired(_l("请选择要核验的 PDF 文件"))],
                     description=_l("上传您收到的文书 PDF，系统将检查签章是否有效、文件是否被改动"))

    def validate_file(self, field):
        storage = field.data
        head = storage.stream.read(5)
        storage.stream.seek(0, 2)
        size = storage.stream.tell()
        storage.stream.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("这不是 PDF 文件"))
        if size > MAX_PDF_BYTES:
            raise ValidationError(_("文件不能超过 20 MB"))
