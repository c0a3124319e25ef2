# language: vi
Tính năng: Cấp bản sao, chỉnh sửa văn bằng — trễ hạn, thư xin lỗi, mốc 15:00
  Bản sao được cấp trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo (Thông tư
  21/2019, Điều 30). Quá hạn thì lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001092000123"
    Và dữ liệu hồ sơ:
      | ho_ten       | Trần Thị Bình |
      | so_dinh_danh | 001092000123  |

  Kịch bản: Bản sao nhận sau 15:00 được trả trong ngày làm việc tiếp theo
    Cho bây giờ là thứ Hai 03/03/2025 lúc 15:30
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là thứ Ba 04/03/2025 17:00
    Và hạn giải quyết đúng thời hạn công bố
    Khi "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và bây giờ là thứ Hai 03/03/2025 lúc 17:30
    Thì không có thư xin lỗi
    Khi bây giờ là thứ Ba 04/03/2025 lúc 16:59
    Thì không có thư xin lỗi
    Khi bây giờ là thứ Ba 04/03/2025 lúc 17:01
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"

  Kịch bản: Bản sao nhận trước 15:00 phải xong trong ngày
    Cho bây giờ là thứ Hai 03/03/2025 lúc 10:00
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là thứ Hai 03/03/2025 17:00
    Khi bây giờ là thứ Hai 03/03/2025 lúc 17:01
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"

  Kịch bản: Chỉnh sửa quá hạn: thư xin lỗi hẹn lại ngày, trả kết quả theo ngày hẹn mới
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau       | chinh_sua                          |
      | noi_dung_chinh_sua | Cải chính ngày sinh theo trích lục |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Và hồ sơ chờ ở "dự thảo quyết định"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh trích lục hộ tịch |
      | ngay_hen_moi  | 21/03/2025                     |
    Thì đã có thư xin lỗi hẹn lại ngày 21/03/2025
    Khi "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và đã lập "Mẫu 04" 1 lần
    Và hồ sơ không còn chờ gì

  # Thư xin lỗi hẹn lại một ngày làm việc, không trước hôm nay và không vào ngày nghỉ (DOMAIN.md §1.2 [S1][S9]).
  Kịch bản: Ngày hẹn mới trong thư xin lỗi phải là ngày làm việc, không trước hôm nay
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 28/02/2025             |
    Thì thao tác bị từ chối vì "before today"
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 30/04/2025             |
    Thì thao tác bị từ chối vì "not a working day"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 06/05/2025             |
    Thì đã có thư xin lỗi hẹn lại ngày 06/05/2025
