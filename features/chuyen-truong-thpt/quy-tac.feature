# language: vi
Tính năng: Chuyển trường THPT — quy tắc một cửa mà mọi phương án phải giữ
  Hạn tính theo ngày làm việc: hồ sơ nhận sau 15:00 tính từ ngày làm việc tiếp theo, bỏ qua ngày
  nghỉ lễ, Tết. Chỉ người của đúng làn (đúng cơ quan, đúng vai trò) mới được xử lý việc của làn đó.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Vũ Thu Hà       |
      | so_dinh_danh_hoc_sinh | 031208007890    |
      | truong_di             | THPT Lê Quý Đôn |
      | truong_den            | THPT Trần Phú   |
      | pham_vi               | trong_tinh      |
      | lop                   | 10              |

  Kịch bản: Nhận sau 15:00 thứ Sáu trước Tết: hạn tính từ sau kỳ nghỉ Tết
    Cho bây giờ là thứ Sáu 24/01/2025 lúc 16:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố

  # Hiện tại: 7 ngày làm việc. Tết Ất Tỵ nghỉ 25/01–02/02/2025; nhận sau 15:00 thứ Sáu 24/01 thì
  # đếm từ thứ Hai 03/02: hạn thứ Tư 12/02; nhận trước 15:00 thì đếm từ 24/01: hạn thứ Ba 11/02.
  @chi-as-is
  Khung kịch bản: Mốc 15:00 và kỳ nghỉ Tết
    Cho bây giờ là thứ Sáu 24/01/2025 lúc <giờ>
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là <hạn>

    Dữ liệu:
      | giờ   | hạn                      |
      | 16:00 | thứ Tư 12/02/2025 17:00  |
      | 14:59 | thứ Ba 11/02/2025 17:00  |

  # Hiện tại: chỉ Lãnh đạo Sở ký văn bản đồng ý; đề xuất bỏ bước ký của Sở (Hiệu trưởng quyết định).
  @chi-as-is
  Kịch bản: Chuyên viên không được ký thay Lãnh đạo Sở
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Phòng Giáo dục Trung học" thử hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | dong_y |
    Thì thao tác bị từ chối vì "Lãnh đạo Sở"
    Và hồ sơ chờ ở "Xem xét, ký văn bản" của "Lãnh đạo Sở"

  Kịch bản: Công dân không tự kiểm tra hồ sơ của mình
    Khi công dân nộp hồ sơ
    Và công dân thử hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Thì thao tác bị từ chối
    Và trạng thái hồ sơ là "Mới đăng ký"

  Kịch bản: Chuyên viên không được làm việc của Bộ phận Một cửa
    Khi công dân nộp hồ sơ
    Và "Phòng Giáo dục Trung học" thử hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Thì thao tác bị từ chối vì "Bộ phận Một cửa"
