# language: vi
Tính năng: Chuyển trường THPT — cơ chế một cửa do hệ thống tự giữ, ở mọi biến thể
  Các quy tắc của DOMAIN.md §1.2 mà hệ thống tự kiểm tra dù sơ đồ vẽ thế nào (engine/law/law.py): hồ sơ trễ hạn
  chỉ kết thúc sau thư xin lỗi (Mẫu 04); mốc "sau 15:00"; ngày xử lý xong và ngày trả kết quả ghi riêng;
  trường liên thông từ chối phải nêu lý do, kết quả riêng của từng trường. Quy định theo ngày tiếp nhận:
  hieu-luc.feature. Phần thời hạn của từng trường chỉ có ở đề xuất (tre-han.feature, "Hai trường quá phần
  thời hạn"); hiện tại không có cơ quan liên thông nào, chỉ có hạn chung của Sở.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Phạm Minh Đức   |
      | so_dinh_danh_hoc_sinh | 031208003456    |
      | truong_di             | THPT Lê Quý Đôn |
      | truong_den            | THPT Trần Phú   |
      | pham_vi               | trong_tinh      |
      | lop                   | 12              |

  # Hồ sơ trễ hạn không kết thúc khi chưa có thư xin lỗi (DOMAIN.md §1.2 [S1][S14]): sơ đồ tự chờ thư,
  # hoặc hệ thống chặn bước kết thúc.
  Kịch bản: Hồ sơ trễ hạn: xong mọi việc mà chưa có thư xin lỗi thì chưa kết thúc
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" (nếu có) (nếu luật cho phép) với:
      | quyet_dinh | dong_y |
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" (nếu có) (nếu luật cho phép) với:
      | xac_nhan | dong_y |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" (nếu còn chờ) (nếu luật cho phép) với:
      | quyet_dinh | tiep_nhan |
    Và "Bộ phận Một cửa" trả kết quả (nếu luật cho phép)
    Thì hồ sơ chưa kết thúc vì chưa có thư xin lỗi
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh với trường nơi đi |
      | ngay_hen_moi  | 30/04/2025                     |
    Thì thao tác bị từ chối theo quy tắc "ngày hẹn mới là ngày làm việc"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh với trường nơi đi |
      | ngay_hen_moi  | 31/03/2025                     |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" (nếu còn chờ) với:
      | quyet_dinh | tiep_nhan |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã có thư xin lỗi hẹn lại ngày 31/03/2025
    Và hồ sơ không còn chờ gì

  # "Sau 15:00" (DOMAIN.md §1.2 [S7][S8]): nhận đúng 15:00:00 vẫn tính trong ngày, 15:00:01 thì từ ngày làm
  # việc tiếp theo.
  Kịch bản: Nhận đúng 15:00:00: hạn tính từ chính ngày đó
    Cho bây giờ là thứ Hai 03/03/2025 lúc 15:00:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết tính từ thứ Hai 03/03/2025

  Kịch bản: Nhận lúc 15:00:01: hạn tính từ ngày làm việc tiếp theo
    Cho bây giờ là thứ Sáu 07/03/2025 lúc 15:00:01
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết tính từ thứ Hai 10/03/2025

  # Thời gian chờ công dân nhận kết quả không tính vào thời hạn (DOMAIN.md §1.2 [S3][M5]).
  Kịch bản: Ngày xử lý xong và ngày trả kết quả được ghi riêng
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" (nếu có) với:
      | quyet_dinh | dong_y |
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" (nếu có) với:
      | xac_nhan | dong_y |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" (nếu có) với:
      | quyet_dinh | tiep_nhan |
    Thì ngày xử lý xong là 03/03/2025
    Khi 2 ngày làm việc trôi qua
    Và "Bộ phận Một cửa" trả kết quả
    Thì ngày xử lý xong là 03/03/2025
    Và ngày trả kết quả được ghi riêng với ngày xử lý xong
    Và hồ sơ có kết quả đúng hẹn

  # Trường liên thông trả lời qua hệ thống chỉ có ở đề xuất; hiện tại phụ huynh tự mang văn bản giấy của
  # trường nơi đi, nên sơ đồ không có thông điệp nào từ trường để từ chối hay để có kết quả riêng.
  # Mọi từ chối phải nêu lý do (DOMAIN.md §1.2 [S7][E9]).
  @chi-to-be
  Kịch bản: Đề xuất: trường nơi đến không tiếp nhận thì thông điệp phải nêu lý do; kết quả riêng từng trường
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" với:
      | xac_nhan | dong_y |
    Thì kết quả của "Trường THPT nơi đi" là "dong_y"
    Khi "Trường THPT nơi đến" thử trả lời "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | khong_tiep_nhan |
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | khong_tiep_nhan                |
      | ly_do      | Lớp 12 chuyên Toán đã đủ sĩ số |
    Thì kết quả của "Trường THPT nơi đến" là "khong_tiep_nhan"
    Và hồ sơ chờ ở "văn bản từ chối" của "Bộ phận Một cửa"
