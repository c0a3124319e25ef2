# language: vi
Tính năng: Chuyển trường THPT — trễ hạn và thư xin lỗi
  Quá hạn giải quyết thì cơ quan giải quyết lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Phạm Minh Đức   |
      | so_dinh_danh_hoc_sinh | 031208003456    |
      | truong_di             | THPT Lê Quý Đôn |
      | truong_den            | THPT Trần Phú   |
      | pham_vi               | trong_tinh      |
      | lop                   | 12              |

  Kịch bản: Quá hạn: thư xin lỗi hẹn lại ngày, kết quả trả đúng ngày hẹn mới
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Thì hồ sơ không chờ ở "Lập Phiếu xin lỗi"
    Khi quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Và hồ sơ chờ ở làn "Phòng Giáo dục Trung học"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh với trường nơi đi |
      | ngay_hen_moi  | 31/03/2025                     |
    Thì đã có thư xin lỗi hẹn lại ngày 31/03/2025
    Khi 2 ngày làm việc trôi qua
    Thì đã lập "Mẫu 04" 1 lần
    Khi "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" (nếu có) với:
      | quyet_dinh | dong_y |
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" (nếu có) với:
      | xac_nhan | dong_y |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" (nếu có) với:
      | quyet_dinh | tiep_nhan |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và hồ sơ không còn chờ gì

  Kịch bản: Xong trước hạn thì không có thư xin lỗi
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
    Và "Bộ phận Một cửa" trả kết quả
    Và 10 ngày làm việc trôi qua
    Thì không có thư xin lỗi
    Và hồ sơ có kết quả đúng hẹn

  # Đề xuất: trường nơi đi có 3 ngày làm việc, Hiệu trưởng trường nơi đến 5 ngày (trong tỉnh);
  # quá phần thời hạn của mình thì Phòng GDTrH đôn đốc.
  @chi-to-be
  Kịch bản: Hai trường quá phần thời hạn của mình thì bị đôn đốc
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Và hết phần thời hạn của "Trường THPT nơi đi"
    Thì hồ sơ chờ ở "Đôn đốc trường nơi đi" của "Phòng Giáo dục Trung học"
    Và hồ sơ không chờ ở "Đôn đốc Hiệu trưởng trường nơi đến"
    Khi "Phòng Giáo dục Trung học" hoàn thành "Đôn đốc trường nơi đi" với:
      | noi_dung_don_doc | Đề nghị xác nhận chuyển đi trong ngày |
      | hinh_thuc        | he_thong                              |
    Và hết phần thời hạn của "Trường THPT nơi đến"
    Thì hồ sơ chờ ở "Đôn đốc Hiệu trưởng trường nơi đến" của "Phòng Giáo dục Trung học"
    Khi "Phòng Giáo dục Trung học" hoàn thành "Đôn đốc Hiệu trưởng trường nơi đến" với:
      | noi_dung_don_doc | Đề nghị cho ý kiến tiếp nhận học sinh |
    Và "Trường THPT nơi đi" trả lời "Hồ sơ học sinh chuyển đi" với:
      | xac_nhan | dong_y |
    # Phần thời hạn của trường nơi đến kết thúc cùng hạn chung: hồ sơ đã trễ, phải xin lỗi trước khi kết thúc.
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Trường THPT nơi đến" thử trả lời "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | tiep_nhan |
    Thì thao tác bị từ chối vì "Mẫu 04"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ ý kiến Hiệu trưởng trường nơi đến |
      | ngay_hen_moi  | 30/06/2025                            |
    Và "Trường THPT nơi đến" trả lời "Quyết định tiếp nhận học sinh" với:
      | quyet_dinh | tiep_nhan |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"

  # Đề xuất (dự thảo Thông tư của Bộ GDĐT): hạn giải quyết theo phạm vi chuyển trường, chọn ngay khi
  # tiếp nhận — trong tỉnh 5 ngày làm việc, từ tỉnh khác 8 ngày làm việc.
  @chi-to-be
  Khung kịch bản: Đề xuất: hạn giải quyết theo phạm vi chuyển trường
    Cho bây giờ là thứ Hai 03/03/2025 lúc 09:00
    Khi công dân nộp hồ sơ trực tuyến với:
      | pham_vi | <pham_vi> |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là <han>
    Và hạn giải quyết đúng thời hạn công bố
    Khi bây giờ là <truoc_han>
    Thì hồ sơ không chờ ở "Lập Phiếu xin lỗi"
    Khi quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"

    Dữ liệu:
      | pham_vi    | han                      | truoc_han                    |
      | trong_tinh | thứ Hai 10/03/2025 17:00 | thứ Hai 10/03/2025 lúc 16:59 |
      | ngoai_tinh | thứ Năm 13/03/2025 17:00 | thứ Năm 13/03/2025 lúc 16:59 |

  # Thư xin lỗi hẹn lại một ngày làm việc, không trước hôm nay và không vào ngày nghỉ (DOMAIN.md §1.2 [S1][S9]).
  Kịch bản: Ngày hẹn mới trong thư xin lỗi phải là ngày làm việc, không trước hôm nay
    Khi công dân nộp hồ sơ
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
