# language: vi
Tính năng: Cho phép thành lập trung tâm ngoại ngữ, tin học — cơ chế một cửa do hệ thống tự giữ, ở mọi biến thể
  Các quy tắc của DOMAIN.md §1.2 mà hệ thống tự kiểm tra dù sơ đồ vẽ thế nào (engine/law/law.py): hồ sơ trễ hạn
  chỉ kết thúc sau thư xin lỗi (Mẫu 04); mốc "sau 15:00"; ngày xử lý xong và ngày trả kết quả ghi riêng.
  Quy định theo ngày tiếp nhận: hieu-luc.feature.
  Cơ quan lý lịch tư pháp (chỉ ở đề xuất) cung cấp thông tin, không quyết định hồ sơ: nó không "từ chối"
  qua thông điệp — có án tích thì Sở từ chối bằng văn bản nêu lý do (giai-quyet.feature). Hiện tại người
  đề nghị tự nộp phiếu giấy, sơ đồ không có cơ quan liên thông nào. Phần thời hạn: hiện tại của thẩm định
  (10 ngày), đề xuất của cơ quan tư pháp (10 ngày) — bo-sung-tre-han.feature, mỗi biến thể một kịch bản.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001085000777"
    Và dữ liệu hồ sơ:
      | ten_trung_tam           | Trung tâm Tin học Sao Mai |
      | loai_trung_tam          | tin_hoc                   |
      | dia_chi                 | 5 Trần Phú, Hải Phòng     |
      | to_chuc_ca_nhan_de_nghi | Bà Nguyễn Thị Hoa         |
      | ho_ten_giam_doc         | Nguyễn Thị Hoa            |
      | so_dinh_danh_giam_doc   | 001182001111              |

  # Hồ sơ trễ hạn không kết thúc khi chưa có thư xin lỗi (DOMAIN.md §1.2 [S1][S14]): sơ đồ tự chờ thư,
  # hoặc hệ thống chặn bước kết thúc.
  Kịch bản: Hồ sơ trễ hạn: xong mọi việc mà chưa có thư xin lỗi thì chưa kết thúc
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Và quá hạn giải quyết
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" (nếu luật cho phép) với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Và "Bộ phận Một cửa" trả kết quả (nếu luật cho phép)
    Thì hồ sơ chưa kết thúc vì chưa có thư xin lỗi
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ kiểm tra thực tế cơ sở vật chất |
      | ngay_hen_moi  | 30/04/2025                          |
    Thì thao tác bị từ chối theo quy tắc "ngày hẹn mới là ngày làm việc"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ kiểm tra thực tế cơ sở vật chất |
      | ngay_hen_moi  | 04/04/2025                          |
    Và "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" (nếu còn chờ) với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã có thư xin lỗi hẹn lại ngày 04/04/2025
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
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Thì ngày xử lý xong là 03/03/2025
    Khi 2 ngày làm việc trôi qua
    Và "Bộ phận Một cửa" trả kết quả
    Thì ngày xử lý xong là 03/03/2025
    Và ngày trả kết quả được ghi riêng với ngày xử lý xong
    Và hồ sơ có kết quả đúng hẹn

  # Đề xuất: cơ quan lý lịch tư pháp trả kết quả của mình qua hệ thống (hiện tại không có cơ quan liên thông).
  @chi-to-be
  Kịch bản: Đề xuất: kết quả riêng của cơ quan lý lịch tư pháp
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Thì kết quả của "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" là "khong_co_an_tich"
