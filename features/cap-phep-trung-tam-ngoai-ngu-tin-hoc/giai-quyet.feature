# language: vi
Tính năng: Cho phép thành lập trung tâm ngoại ngữ, tin học — giải quyết
  Sở GDĐT thẩm định đề án (có thể kiểm tra thực tế), Giám đốc Sở quyết định cho phép hoặc từ chối bằng
  văn bản nêu rõ lý do. Người dự kiến làm giám đốc trung tâm phải có lý lịch tốt: hiện tại người đề
  nghị tự xin Phiếu lý lịch tư pháp nộp kèm; đề xuất: Sở GDĐT tự đề nghị cơ quan tư pháp cung cấp.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001085000777"
    Và dữ liệu hồ sơ:
      | ten_trung_tam           | Trung tâm Ngoại ngữ Hải Âu        |
      | loai_trung_tam          | ngoai_ngu                          |
      | dia_chi                 | 12 Lạch Tray, Ngô Quyền, Hải Phòng |
      | to_chuc_ca_nhan_de_nghi | Công ty TNHH Hải Âu                |
      | ho_ten_giam_doc         | Phạm Minh Châu                     |
      | so_dinh_danh_giam_doc   | 001080004321                       |

  Kịch bản: Đề án đạt, Giám đốc Sở cho phép thành lập, quyết định trả đúng hẹn
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Khi "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Thì hồ sơ chờ ở "quyết định cho phép thành lập" của "Lãnh đạo Sở"
    Khi "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi
    Và hồ sơ không còn chờ gì
    Và Cổng DVC đã nhận lần lượt các trạng thái 1, 2, 4, 9, 10

  Kịch bản: Thẩm định cần kiểm tra thực tế cơ sở vật chất trước khi trình ký
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | kiem_tra_thuc_te |
    Thì hồ sơ chờ ở "Kiểm tra thực tế cơ sở vật chất" của "Phòng Giáo dục thường xuyên"
    Khi "Phòng Giáo dục thường xuyên" hoàn thành "Kiểm tra thực tế" với:
      | ket_qua_tham_dinh | dat                                  |
      | ngay_kiem_tra     | 10/03/2025                           |
      | bien_ban          | Phòng học, thiết bị đạt yêu cầu      |
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Thì hồ sơ chờ ở "quyết định cho phép thành lập" của "Lãnh đạo Sở"

  Kịch bản: Giám đốc Sở không cho phép: văn bản từ chối nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Và "Lãnh đạo Sở" thử hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh | tu_choi |
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh | tu_choi                                                  |
      | ly_do      | Địa điểm thuê ngắn hạn, không bảo đảm hoạt động ổn định |
    Và "Bộ phận Một cửa" hoàn thành "văn bản từ chối" với:
      | ly_do | Địa điểm thuê ngắn hạn, không bảo đảm hoạt động ổn định |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "địa điểm thuê ngắn hạn"
    Và hồ sơ bị từ chối có lý do bằng văn bản

  Kịch bản: Chỉ Giám đốc Sở được quyết định cho phép thành lập
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Và "Phòng Giáo dục thường xuyên" thử hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Thì thao tác bị từ chối vì "Lãnh đạo Sở"

  # Hiện tại: người đề nghị tự xin Phiếu lý lịch tư pháp và nộp bản giấy cùng hồ sơ tại quầy.
  @chi-as-is
  Kịch bản: Hiện tại: nộp 4 giấy tờ, kể cả Phiếu lý lịch tư pháp tự xin; 2 lần đến Sở
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Và "Bộ phận Một cửa" hoàn thành "Trả quyết định tại quầy"
    Thì công dân đã đi lại 2 lần và nộp 4 giấy tờ

  # Đề xuất: Sở GDĐT đề nghị cơ quan tư pháp cung cấp Phiếu lý lịch tư pháp, song song với thẩm định
  # (Luật Lý lịch tư pháp, Điều 7(3); Quyết định 498/QĐ-TTg); người đề nghị không phải xin, không đến Sở.
  @chi-to-be
  Kịch bản: Đề xuất: Sở GDĐT tự đề nghị lý lịch tư pháp, song song với thẩm định
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hệ thống "population.lookup" đã được gọi 1 lần
    Và đã gửi thông điệp "Yêu cầu cung cấp thông tin lý lịch tư pháp" đến "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp"
    Và hồ sơ chờ ở "Thẩm định hồ sơ, đề án" của "Phòng Giáo dục thường xuyên"
    Khi "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Thì hồ sơ không chờ ở "quyết định cho phép thành lập"
    Khi "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Và "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã gửi thông điệp "Kết quả giải quyết điện tử" đến "Cổng Dịch vụ công quốc gia"
    Và công dân đã đi lại 0 lần và nộp 0 giấy tờ

  # Đề xuất: kết quả lý lịch tư pháp quyết định trực tiếp; có án tích thì từ chối bằng văn bản.
  @chi-to-be
  Kịch bản: Người dự kiến làm giám đốc có án tích: từ chối, nêu rõ lý do
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" với:
      | so_phieu | LLTP-2025-000999 |
      | ket_qua  | co_an_tich       |
    Thì hồ sơ chờ ở "văn bản từ chối" của "Bộ phận Một cửa"
    Và hồ sơ không đi qua "quyết định cho phép thành lập"
    Khi "Bộ phận Một cửa" hoàn thành "văn bản từ chối" với:
      | ly_do | Người dự kiến làm giám đốc có án tích, không đủ tiêu chuẩn |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "có án tích"
    Và hồ sơ bị từ chối có lý do bằng văn bản
