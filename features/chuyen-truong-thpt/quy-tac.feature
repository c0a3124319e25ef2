# language: vi
Tính năng: Chuyển trường THPT — quy tắc một cửa mà mọi phương án phải giữ
  Hạn tính theo ngày làm việc: hồ sơ nhận sau 15:00 tính từ ngày làm việc tiếp theo, bỏ qua ngày
  nghỉ lễ, Tết. Chỉ người của đúng làn (đúng cơ quan, đúng vai trò) mới được xử lý việc của làn đó.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh | Vũ Thu Hà       |
      | truong_di       | THPT Lê Quý Đôn |
      | truong_den      | THPT Trần Phú   |
      | pham_vi         | trong_tinh      |

  Kịch bản: Nhận sau 15:00 thứ Sáu trước Tết: hạn tính từ sau kỳ nghỉ Tết
    Cho bây giờ là thứ Sáu 24/01/2025 lúc 16:00
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    # Tết Ất Tỵ: nghỉ 25/01–02/02/2025; 7 ngày làm việc đếm từ thứ Hai 03/02.
    Thì hạn giải quyết là thứ Tư 12/02/2025 17:00

  Kịch bản: Nhận trước 15:00 thì tính ngay từ ngày hôm đó
    Cho bây giờ là thứ Sáu 24/01/2025 lúc 14:59
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Thì hạn giải quyết là thứ Ba 11/02/2025

  Kịch bản: Chuyên viên không được ký thay Lãnh đạo Sở
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Phòng Giáo dục Trung học" thử hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Thì thao tác bị từ chối vì "Lãnh đạo Sở"
    Và hồ sơ chờ ở "Xem xét, ký văn bản" của "Lãnh đạo Sở"

  Kịch bản: Công dân không tự tiếp nhận hồ sơ của mình
    Khi công dân nộp hồ sơ tại quầy
    Và công dân thử hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Thì thao tác bị từ chối
    Và trạng thái hồ sơ là "Mới đăng ký"

  # Hồ sơ giấy tại quầy: phụ huynh mang 6 giấy tờ, đi nộp một lần và nhận kết quả một lần.
  @chi-as-is
  Kịch bản: Hồ sơ giấy: hai lần đến Sở và sáu giấy tờ
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" hoàn thành "Trả kết quả"
    Thì công dân đã đi lại 2 lần và nộp 6 giấy tờ
    Và đã lập "Mẫu 01"
    Và đã lập "Mẫu 05"
    Và đã lập "Mẫu 06"
